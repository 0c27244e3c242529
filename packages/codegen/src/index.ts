export { HTTP_METHODS, type HttpMethod } from './http-methods.js';
export {
  isSpecFileName,
  type LoadedSpec,
  listSpecFiles,
  loadSpec,
  type ParsedSpec,
  parseSpec,
  parseSpecs,
  type SpecHash,
  type SpecSelection,
  selectSpecs,
  sha256,
  specLabel,
  specNameOf,
} from './spec-catalog.js';
