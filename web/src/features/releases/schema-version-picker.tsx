import { Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DatasetSchemaVersion } from '../../../../src/contracts/catalog';

/** Published versions, newest first: the order the picker lists them in. */
export function publishedVersions(versions: readonly DatasetSchemaVersion[]): DatasetSchemaVersion[] {
  return versions.filter((version) => version.status === 'published').sort((a, b) => b.version - a.version);
}

/**
 * The schema version an upload is validated against. The current version is the default; an
 * older one stays selectable so a collection period that began under it can be finished with it
 * after a new version is published. Each option shows its migration note.
 */
export function SchemaVersionPicker({ versions, value, onChange }: { versions: DatasetSchemaVersion[]; value: number; onChange(version: number): void }) {
  const { t } = useTranslation();
  const byVersion = new Map(versions.map((version) => [version.version, version]));
  return (
    <Select<number>
      data-testid="upload-schema-version"
      value={value}
      onChange={onChange}
      popupMatchSelectWidth={false}
      options={versions.map((version) => ({ value: version.version, label: `v${version.version}` }))}
      labelRender={({ value: picked }) => <VersionLabel version={byVersion.get(Number(picked))} />}
      optionRender={(option) => {
        const version = byVersion.get(Number(option.value));
        return (
          <Space orientation="vertical" size={0} data-testid={`schema-version-option-${String(option.value)}`}>
            <VersionLabel version={version} />
            <Typography.Text type="secondary">{version?.migrationNote ?? t('releases.wizard.firstVersion')}</Typography.Text>
          </Space>
        );
      }}
    />
  );
}

function VersionLabel({ version }: { version: DatasetSchemaVersion | undefined }) {
  const { t } = useTranslation();
  if (version === undefined) return null;
  return (
    <span>
      v{version.version} {version.current && <Tag color="blue">{t('releases.wizard.currentVersion')}</Tag>}
    </span>
  );
}
