// @onelink-kit/codegen: OpenAPI specs → TypeScript types and typed per-operation clients, a drift check
// for the generated files, and a breaking-change report between spec versions. The CLI is src/cli.ts.
export { type CliIo, main } from './cli.js';
export { diffSpecs, type SpecChange } from './diff/diff-specs.js';
export { diffSpecDirs, diffSpecFiles, formatReport, type SpecDiff, type SpecSide } from './diff/report.js';
export {
  type Direction,
  LIMIT_KEYWORDS,
  RULES,
  type Rule,
  renderRulesTable,
  rule,
  type Severity,
} from './diff/rules.js';
export { specDirAtRev } from './diff/spec-at-rev.js';
export { type CheckProblem, checkGenerated } from './gen/check.js';
export { type GeneratedFile, type GenerateOptions, generate, generateAll } from './gen/generate.js';
export { parseHeader, renderHeader } from './gen/header.js';
export { RUNTIME_MODULE } from './gen/render-client.js';
export { renderTypes } from './gen/render-types.js';
export { type WriteResult, writeGenerated } from './gen/write.js';
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
