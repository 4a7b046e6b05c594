/** Pure rules for orgs: which sectors a kind may have, which region levels it sits at, its vertical line. */
import type { OrgKind, RegionLevel, Sector } from '../../../common/enums.js';
import type { FieldError } from '../../platform/errors.js';
import { regionWithin } from '../../platform/scope.js';

export function sectorsAllowedFor(kind: OrgKind): 'general' | 'justice' | 'business' {
  switch (kind) {
    case 'government':
    case 'township':
      return 'general';
    case 'justice':
    case 'judicial_office':
      return 'justice';
    default:
      return 'business';
  }
}

export function levelsAllowedFor(kind: OrgKind): RegionLevel[] {
  return kind === 'township' || kind === 'judicial_office' ? ['township'] : ['province', 'city', 'county'];
}

export interface OrgShape {
  kind: OrgKind;
  sector: Sector;
  regionCode: string;
  regionLevel: RegionLevel;
}

/** Field errors for an org's kind, sector and region taken together (empty when consistent). */
export function checkOrgShape(o: OrgShape): FieldError[] {
  const errors: FieldError[] = [];
  const allowed = sectorsAllowedFor(o.kind);
  if (allowed === 'general' && o.sector !== 'general') {
    errors.push({ path: 'sector', message: '人民政府和乡镇街道的行业领域应为“综合（政府/乡镇）”' });
  } else if (allowed === 'justice' && o.sector !== 'justice') {
    errors.push({ path: 'sector', message: '司法行政部门和司法所的行业领域应为“司法行政”' });
  } else if (allowed === 'business' && (o.sector === 'general' || o.sector === 'justice')) {
    errors.push({ path: 'sector', message: '执法部门须选择具体的行业领域（如市场监管、生态环境）' });
  }
  if (!levelsAllowedFor(o.kind).includes(o.regionLevel)) {
    errors.push({
      path: 'regionCode',
      message:
        o.regionLevel === 'township'
          ? '乡镇级行政区划只能设立乡镇街道或司法所'
          : '乡镇街道和司法所须设在乡镇级行政区划',
    });
  }
  return errors;
}

/** A parent is in the org's vertical line: its region is the org's region or one of its ancestors. */
export const parentRegionOk = (orgRegion: string, parentRegion: string) => regionWithin(orgRegion, parentRegion);
