/**
 * Pure rules of the target library: the import file's columns and value labels, one row → an entity or its field
 * errors, and the USCC check. No I/O.
 */
import {
  ENTITY_KINDS,
  ENTITY_KIND_LABELS,
  ENTITY_SECTORS,
  ENTITY_STATUSES,
  ENTITY_STATUS_LABELS,
  type EntityKind,
  type EntityStatus,
  GRADE_CLASSES,
  type GradeClass,
  SECTOR_LABELS,
  type Sector,
} from '../../../common/enums.js';
import { checkUscc } from '../../../common/identifiers.js';
import { ENTITY_ADDRESS_MAX, ENTITY_NAME_MAX, ENTITY_PERSON_MAX } from '../../../common/contracts/entities.contract.js';
import type { Warning } from '../../../common/contracts/kit.js';

export interface EntityInput {
  uscc: string;
  name: string;
  kind: EntityKind;
  regionCode: string;
  sectors: Sector[];
  address: string;
  legalRepresentative: string;
  riskClass: GradeClass;
  creditClass: GradeClass;
  status: EntityStatus;
}

export type EntityField = keyof EntityInput;
export interface RowError {
  field: EntityField | 'row';
  message: string;
}

/** The import file's header: the Chinese column names of the template, or the API's field names. */
export const IMPORT_COLUMNS: { field: EntityField; header: string; required: boolean }[] = [
  { field: 'uscc', header: '统一社会信用代码', required: true },
  { field: 'name', header: '名称', required: true },
  { field: 'kind', header: '类型', required: true },
  { field: 'regionCode', header: '所在区划代码', required: true },
  { field: 'sectors', header: '行业领域', required: true },
  { field: 'address', header: '地址', required: true },
  { field: 'legalRepresentative', header: '法定代表人', required: true },
  { field: 'riskClass', header: '风险等级', required: true },
  { field: 'creditClass', header: '信用等级', required: true },
  { field: 'status', header: '状态', required: false },
];

export const FIELD_LABELS: Record<EntityField, string> = Object.fromEntries(
  IMPORT_COLUMNS.map((c) => [c.field, c.header]),
) as Record<EntityField, string>;

const HEADER_TO_FIELD = new Map<string, EntityField>(
  IMPORT_COLUMNS.flatMap((c) => [
    [c.header, c.field],
    [c.field.toLowerCase(), c.field],
  ]),
);

/** Maps a header row to fields (null for an unknown column); `missing` names required columns not found. */
export function mapHeader(cells: string[]): { columns: (EntityField | null)[]; missing: string[]; repeated: string[] } {
  const columns = cells.map((h) => {
    const t = h.replace(/^\uFEFF/, '').trim();
    return HEADER_TO_FIELD.get(t) ?? HEADER_TO_FIELD.get(t.toLowerCase()) ?? null;
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !columns.includes(c.field)).map((c) => c.header);
  const repeated = IMPORT_COLUMNS.filter((c) => columns.filter((x) => x === c.field).length > 1).map((c) => c.header);
  return { columns, missing, repeated };
}

const byText = <T extends string>(codes: readonly T[], labels: Record<T, string>, extra: [string, T][] = []) =>
  new Map<string, T>([
    ...codes.map((c) => [c.toLowerCase(), c] as [string, T]),
    ...codes.map((c) => [labels[c], c] as [string, T]),
    ...extra,
  ]);

const KIND_BY_TEXT = byText(ENTITY_KINDS, ENTITY_KIND_LABELS, [
  ['个体户', 'individual_business'],
  ['其他', 'other'],
]);
const STATUS_BY_TEXT = byText(ENTITY_STATUSES, ENTITY_STATUS_LABELS, [
  ['在业', 'active'],
  ['开业', 'active'],
  ['异常', 'abnormal'],
]);
/** A sector by code, by its label, or by its label without the bracketed part (城市管理（综合执法） → 城市管理). */
const SECTOR_BY_TEXT = new Map<string, Sector>(
  ENTITY_SECTORS.flatMap((s) => {
    const label = SECTOR_LABELS[s];
    const short = label.replace(/（.*）$/, '');
    return [
      [s, s],
      [label, s],
      [short, s],
    ] as [string, Sector][];
  }),
);

const GRADE = /^([ABCD])\s*级?$/;
const parseGrade = (text: string): GradeClass | null => {
  const m = GRADE.exec(text.trim().toUpperCase());
  return m ? (m[1] as GradeClass) : null;
};

export const SECTOR_SEPARATORS = /[、,，;；|/\s]+/;

export function parseSectors(text: string): { sectors: Sector[]; unknown: string[] } {
  const parts = text.split(SECTOR_SEPARATORS).filter((p) => p !== '');
  const sectors: Sector[] = [];
  const unknown: string[] = [];
  for (const p of parts) {
    const s = SECTOR_BY_TEXT.get(p) ?? SECTOR_BY_TEXT.get(p.toLowerCase());
    if (!s) unknown.push(p);
    else if (!sectors.includes(s)) sectors.push(s);
  }
  return { sectors, unknown };
}

export function usccWarning(expectedCheck: string): Warning {
  return {
    code: 'uscc_check_mismatch',
    message: `统一社会信用代码校验位应为“${expectedCheck}”，与所填不符；早期赋码可能如此，已按原样保存，请核对`,
  };
}

/** Normalises and checks a USCC: the upper-case code, or the reason it is refused; a check mismatch warns. */
export function normaliseUscc(
  text: string,
): { ok: true; uscc: string; checkValid: boolean; warning: Warning | null } | { ok: false; message: string } {
  const check = checkUscc(text);
  if (!check.ok) return { ok: false, message: check.message };
  const uscc = text.trim().toUpperCase();
  return {
    ok: true,
    uscc,
    checkValid: check.checkValid,
    warning: check.checkValid ? null : usccWarning(check.expectedCheck),
  };
}

/** The contract's lengths (the import checks the same as the API). */
export const MAX_NAME = ENTITY_NAME_MAX;
export const MAX_ADDRESS = ENTITY_ADDRESS_MAX;
export const MAX_PERSON = ENTITY_PERSON_MAX;

export type ParsedRow =
  | { ok: true; input: EntityInput; checkValid: boolean; warnings: Warning[] }
  | { ok: false; errors: RowError[] };

/**
 * One data row of an import file → the entity, or every field error found (in Chinese, naming the column).
 * Region existence and scope are checked by the caller, which knows the regions.
 */
export function parseImportRow(cells: string[], columns: (EntityField | null)[]): ParsedRow {
  const errors: RowError[] = [];
  if (cells.length > columns.length)
    errors.push({ field: 'row', message: `本行有 ${cells.length} 列，多于表头的 ${columns.length} 列` });
  const rec: Partial<Record<EntityField, string>> = {};
  columns.forEach((f, i) => {
    if (f) rec[f] = (cells[i] ?? '').trim();
  });
  const get = (f: EntityField) => rec[f] ?? '';
  const required = (f: EntityField) => {
    const v = get(f);
    if (v === '') errors.push({ field: f, message: `${FIELD_LABELS[f]}不能为空` });
    return v;
  };

  const usccText = required('uscc');
  let uscc = '';
  let checkValid = true;
  const warnings: Warning[] = [];
  if (usccText) {
    const u = normaliseUscc(usccText);
    if (!u.ok) errors.push({ field: 'uscc', message: u.message });
    else {
      uscc = u.uscc;
      checkValid = u.checkValid;
      if (u.warning) warnings.push(u.warning);
    }
  }
  const name = required('name');
  if (name.length > MAX_NAME) errors.push({ field: 'name', message: `名称不能超过 ${MAX_NAME} 个字符` });
  const kindText = required('kind');
  const kind = kindText ? (KIND_BY_TEXT.get(kindText) ?? KIND_BY_TEXT.get(kindText.toLowerCase())) : undefined;
  if (kindText && !kind) errors.push({ field: 'kind', message: '类型应为 企业、个体工商户、事业单位 或 其他组织' });
  const regionCode = required('regionCode');
  if (regionCode && !/^\d{6}(\d{3})?$/.test(regionCode))
    errors.push({ field: 'regionCode', message: '所在区划代码应为 6 位（县级）或 9 位（乡镇级）数字' });
  const sectorsText = required('sectors');
  const { sectors, unknown } = parseSectors(sectorsText);
  if (unknown.length > 0)
    errors.push({ field: 'sectors', message: `行业领域“${unknown.join('、')}”不在行业领域目录中（多个用“、”分隔）` });
  else if (sectorsText && sectors.length === 0) errors.push({ field: 'sectors', message: '行业领域不能为空' });
  const address = required('address');
  if (address.length > MAX_ADDRESS) errors.push({ field: 'address', message: `地址不能超过 ${MAX_ADDRESS} 个字符` });
  const legalRepresentative = required('legalRepresentative');
  if (legalRepresentative.length > MAX_PERSON)
    errors.push({ field: 'legalRepresentative', message: `法定代表人不能超过 ${MAX_PERSON} 个字符` });
  const grade = (f: 'riskClass' | 'creditClass') => {
    const t = required(f);
    const g = t ? parseGrade(t) : null;
    if (t && !g) errors.push({ field: f, message: `${FIELD_LABELS[f]}应为 A、B、C 或 D` });
    return g;
  };
  const riskClass = grade('riskClass');
  const creditClass = grade('creditClass');
  const statusText = get('status');
  const status =
    statusText === '' ? 'active' : (STATUS_BY_TEXT.get(statusText) ?? STATUS_BY_TEXT.get(statusText.toLowerCase()));
  if (!status) errors.push({ field: 'status', message: '状态应为 存续、注销、吊销 或 经营异常（空为存续）' });

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    checkValid,
    warnings,
    input: {
      uscc,
      name,
      kind: kind as EntityKind,
      regionCode,
      sectors,
      address,
      legalRepresentative,
      riskClass: riskClass as GradeClass,
      creditClass: creditClass as GradeClass,
      status: status as EntityStatus,
    },
  };
}

/** The region levels an entity may sit at: a county or a township. */
export const ENTITY_REGION_LEVELS = ['county', 'township'] as const;

export const regionLevelMessage = (code: string) =>
  `所在区划代码 ${code} 不是县级或乡镇级行政区划（检查对象应登记到县（市、区）或乡镇（街道））`;

export { GRADE_CLASSES };
