import { appendCrc, type DataObject, type DataObjectInput, encodeTlv } from '../src/index.js';

export const RAAST_GUI = 'pk.1link.raast.p2m';

/** A minimal valid Raast-style object list, to vary one thing at a time. */
export const BASE: DataObjectInput[] = [
  { tag: '00', value: '01' },
  { tag: '01', value: '12' },
  {
    tag: '26',
    children: [
      { tag: '00', value: RAAST_GUI },
      { tag: '03', value: 'M0001' },
    ],
  },
  { tag: '52', value: '5812' },
  { tag: '53', value: '586' },
  { tag: '54', value: '310.00' },
  { tag: '58', value: 'PK' },
  { tag: '59', value: 'Test Shop' },
  { tag: '60', value: 'Karachi' },
];

/** BASE with `tag` replaced (or removed when `object` is null, appended when absent). */
export function withTag(
  tag: string,
  object: DataObjectInput | null,
  list: DataObjectInput[] = BASE,
): DataObjectInput[] {
  const i = list.findIndex((o) => o.tag === tag);
  const out = [...list];
  if (i < 0) {
    if (object !== null) out.push(object);
  } else if (object === null) out.splice(i, 1);
  else out[i] = object;
  return out;
}

/** Encodes without rule checks and appends a correct CRC (for invalid-on-purpose payloads). */
export function raw(list: DataObjectInput[]): string {
  return appendCrc(encodeTlv(list));
}

/** Value at a tag path like "62.05" in parsed objects. */
export function valueAt(objects: DataObject[], path: string): string | undefined {
  let list: DataObject[] | undefined = objects;
  let found: DataObject | undefined;
  for (const part of path.split('.')) {
    found = list?.find((o) => o.tag === part);
    list = found?.children;
  }
  return found?.value;
}
