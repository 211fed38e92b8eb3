import { REGION_CODE } from '../../../../src/contracts/common';
import type { DivisionProvince } from '../../app/reference/divisions';

interface Option {
  value: string;
  label: string;
}
interface OptionGroup {
  label: string;
  options: Option[];
}

/** Select options for the province filter: the region (区域) and the four provinces. */
export function provinceOptions(provinces: DivisionProvince[], english: boolean, regionLabel: string): Option[] {
  return [
    { value: REGION_CODE, label: regionLabel },
    ...provinces.map((province) => ({ value: province.code, label: english ? province.nameEn : province.name })),
  ];
}

/** Select options for an organisation's area: the region, then each province with its cities. */
export function divisionOptions(provinces: DivisionProvince[], english: boolean, regionLabel: string): Array<Option | OptionGroup> {
  const name = (entry: { name: string; nameEn: string }) => (english ? entry.nameEn : entry.name);
  return [
    { value: REGION_CODE, label: `${regionLabel} (${REGION_CODE})` },
    ...provinces.map((province) => ({
      label: name(province),
      options: [province, ...province.cities].map((entry) => ({ value: entry.code, label: `${name(entry)} (${entry.code})` })),
    })),
  ];
}
