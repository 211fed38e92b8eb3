import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrganisationKind } from '../../../../src/contracts/identity';

const KIND_COLOURS: Record<OrganisationKind, string> = {
  working_group: 'gold',
  provincial_department: 'green',
  city_bureau: 'cyan',
  county_bureau: 'blue',
  monitoring_centre: 'purple',
  external: 'default',
};

/** An organisation kind (机构类型) as a coloured tag. */
export function OrganisationKindTag({ kind }: { kind: OrganisationKind }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLOURS[kind]}>{t(`organisations.kinds.${kind}`)}</Tag>;
}
