import { Tag } from 'antd';
import {
  CREDIT_CLASS_LABELS,
  ENTITY_STATUS_LABELS,
  type EntityStatus,
  type GradeClass,
  RISK_CLASS_LABELS,
  SECTOR_LABELS,
  type Sector,
} from '../../../../common/enums.js';

const RISK_COLORS: Record<GradeClass, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };
const STATUS_COLORS: Record<EntityStatus, string> = {
  active: 'green',
  abnormal: 'orange',
  deregistered: 'default',
  revoked: 'red',
};

export const RiskTag = ({ value }: { value: GradeClass }) => (
  <Tag color={RISK_COLORS[value]}>{RISK_CLASS_LABELS[value]}</Tag>
);
export const CreditTag = ({ value }: { value: GradeClass }) => (
  <Tag color={RISK_COLORS[value]}>{CREDIT_CLASS_LABELS[value]}</Tag>
);
export const EntityStatusTag = ({ value }: { value: EntityStatus }) => (
  <Tag color={STATUS_COLORS[value]}>{ENTITY_STATUS_LABELS[value]}</Tag>
);
export const sectorNames = (sectors: Sector[]) => sectors.map((s) => SECTOR_LABELS[s]).join('、');
