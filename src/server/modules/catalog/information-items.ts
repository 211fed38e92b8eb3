import type { InformationItem, ItemDataType } from '../../../contracts/catalog';
import type { DatasetSchemaDefinition, FieldType } from '../../../contracts/dataset-schema';

/**
 * 信息项 of a catalog entry, derived from the current schema's fields. The schema's field types
 * map onto the guide's one-letter data types (§1.5.5): short text, codes and division codes → C
 * 字符型, long text → M 备注型, decimals → N 数值型, integers → I 整型, booleans → L 逻辑型,
 * dates → D 日期型, date-times → T 日期时间型, geometries (GeoJSON text) → M 备注型.
 */
export const ITEM_TYPE_BY_FIELD_TYPE: Readonly<Record<FieldType, ItemDataType>> = {
  string: 'C',
  code: 'C',
  division: 'C',
  text: 'M',
  decimal: 'N',
  integer: 'I',
  boolean: 'L',
  date: 'D',
  datetime: 'T',
  point: 'M',
  line: 'M',
  polygon: 'M',
};

export function informationItems(definition: DatasetSchemaDefinition): InformationItem[] {
  return definition.tables.flatMap((table) =>
    table.fields.map((field) => ({
      table: table.name,
      name: field.name,
      title: field.label.zh,
      dataType: ITEM_TYPE_BY_FIELD_TYPE[field.type],
      length: field.maxLength ?? null,
    })),
  );
}
