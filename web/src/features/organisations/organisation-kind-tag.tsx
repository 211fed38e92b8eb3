import { Tag } from 'antd';
import type { OrganisationKind } from '../../../../src/contracts/identity';
import { useCodeLabel } from '../../app/format/use-code-label';

const KIND_COLOURS: Partial<Record<OrganisationKind, string>> = {
  working_group: 'gold',
  provincial_department: 'green',
  city_bureau: 'cyan',
  county_bureau: 'blue',
  monitoring_centre: 'purple',
  external: 'default',
};

/** An organisation kind (机构类型) as a coloured tag. */
export function OrganisationKindTag({ kind }: { kind: OrganisationKind }) {
  const kindLabel = useCodeLabel('organisations.kinds');
  return <Tag color={KIND_COLOURS[kind]}>{kindLabel(kind)}</Tag>;
}
