import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, type ButtonProps, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  STATION_KINDS,
  STATION_SUB_KINDS,
  WATER_BODIES,
  type CreateStationRequest,
  type Station,
  type StationKind,
  type UpdateStationRequest,
} from '../../../../src/contracts/monitoring';
import { api } from '../../app/api/api-client';
import { useAuth } from '../../app/auth/use-auth';
import { useErrorText } from '../../app/format/use-error-text';
import { useDivisions } from '../../app/reference/divisions';
import { useOrganisationDirectory } from '../../app/reference/organisations';

interface ParameterRow {
  code?: string;
  unit?: string;
  permitLimit?: number | null;
}

interface StationFormValues {
  kind: StationKind;
  subKind?: string | null;
  waterBody?: string | null;
  code?: string;
  name?: string;
  nameEn?: string;
  mn?: string;
  longitude?: number;
  latitude?: number;
  provinceCode?: string;
  cityCode?: string;
  /** 所属单位: chosen by platform administrators only, when creating. */
  ownerOrganisationId?: string;
  /** 运维机构: a monitoring institution (监测中心/站). */
  operatorOrganisationId?: string | null;
  /** Editing only; retiring is its own action. */
  status?: 'active' | 'suspended';
  parameters?: ParameterRow[];
}

/** Statuses the form sets (停用/retired has its own confirmation). */
const EDITABLE_STATUSES = ['active', 'suspended'] as const;

const SUB_KINDS_OF: Record<StationKind, readonly string[]> = {
  air: [],
  surface_water: ['automatic', 'manual'],
  pollution_source: ['waste_gas', 'waste_water'],
};

/** True when the signed-in user may edit or retire the station: stations:manage in the owner organisation (platform admins: any). */
export function useMayManageStation(): (station: Pick<Station, 'ownerOrganisationId' | 'status'>) => boolean {
  const { me, can } = useAuth();
  return (station) =>
    me !== null &&
    can('stations:manage') &&
    station.status !== 'retired' &&
    (station.ownerOrganisationId === me.organisation.id || me.user.roles.includes('platform_admin'));
}

function toParameters(rows: ParameterRow[] | undefined) {
  return (rows ?? [])
    .filter((row) => row.code)
    .map((row) => ({ code: row.code!.trim(), unit: (row.unit ?? '').trim(), permitLimit: row.permitLimit ?? null }));
}

/**
 * New station (no `station`) or edit one: kind, sub-kind, water body, code, names, MN,
 * coordinates, province and city, parameters with units and permit limits. The server validates;
 * its message is shown in the reader's language.
 */
export function StationFormModal({ station, open, onClose, onSaved }: { station?: Station; open: boolean; onClose(): void; onSaved(station: Station): void }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const errorText = useErrorText();
  const divisions = useDivisions();
  const directory = useOrganisationDirectory();
  const { me } = useAuth();
  const platformAdmin = me?.user.roles.includes('platform_admin') ?? false;
  const [form] = Form.useForm<StationFormValues>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form) ?? station?.kind ?? 'air';
  const provinceCode = Form.useWatch('provinceCode', form) ?? station?.provinceCode;
  const editing = station !== undefined;

  const initialValues: StationFormValues = station
    ? {
        kind: station.kind,
        subKind: station.subKind,
        waterBody: station.waterBody,
        code: station.code,
        name: station.name,
        nameEn: station.nameEn,
        mn: station.mn ?? undefined,
        longitude: station.longitude,
        latitude: station.latitude,
        provinceCode: station.provinceCode,
        cityCode: station.cityCode,
        operatorOrganisationId: station.operatorOrganisationId,
        ownerOrganisationId: station.ownerOrganisationId,
        ...(station.status === 'retired' ? {} : { status: station.status }),
        parameters: station.parameters.map((p) => ({ code: p.code, unit: p.unit, permitLimit: p.permitLimit })),
      }
    : { kind: 'air', parameters: [] };

  const organisationLabel = (org: { name: string; nameEn: string }) => (english ? org.nameEn : org.name);
  const ownerOptions = directory.organisations.map((org) => ({ value: org.id, label: organisationLabel(org) }));
  const operatorOptions = directory.organisations.filter((org) => org.kind === 'monitoring_centre').map((org) => ({ value: org.id, label: organisationLabel(org) }));

  const provinces = divisions.data?.provinces ?? [];
  const cities = provinces.find((p) => p.code === provinceCode)?.cities ?? [];

  async function submit(values: StationFormValues) {
    setSaving(true);
    setError(undefined);
    try {
      let saved: Station;
      if (station) {
        const body: UpdateStationRequest = {
          name: values.name ?? '',
          nameEn: values.nameEn ?? '',
          mn: values.mn ? values.mn : null,
          waterBody: values.kind === 'surface_water' ? ((values.waterBody ?? null) as UpdateStationRequest['waterBody']) : null,
          ...(values.longitude === undefined ? {} : { longitude: values.longitude }),
          ...(values.latitude === undefined ? {} : { latitude: values.latitude }),
          ...(values.cityCode ? { cityCode: values.cityCode } : {}),
          operatorOrganisationId: values.operatorOrganisationId ?? null,
          // 移交: only sent when a platform administrator picked another owner.
          ...(platformAdmin && values.ownerOrganisationId && values.ownerOrganisationId !== station.ownerOrganisationId ? { ownerOrganisationId: values.ownerOrganisationId } : {}),
          ...(values.status ? { status: values.status } : {}),
          parameters: toParameters(values.parameters),
        };
        saved = await api.patch<Station>(`/stations/${station.id}`, body);
      } else {
        const body = {
          code: values.code ?? '',
          name: values.name ?? '',
          nameEn: values.nameEn ?? '',
          mn: values.mn ? values.mn : null,
          kind: values.kind,
          subKind: values.subKind ?? null,
          waterBody: values.kind === 'surface_water' ? (values.waterBody ?? null) : null,
          longitude: values.longitude,
          latitude: values.latitude,
          provinceCode: values.provinceCode ?? '',
          cityCode: values.cityCode ?? '',
          // Without a choice the server makes the caller's organisation the owner.
          ...(platformAdmin && values.ownerOrganisationId ? { ownerOrganisationId: values.ownerOrganisationId } : {}),
          operatorOrganisationId: values.operatorOrganisationId ?? null,
          parameters: toParameters(values.parameters),
        } as CreateStationRequest;
        saved = await api.post<Station>('/stations', body);
      }
      onSaved(saved);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      destroyOnHidden
      width={720}
      title={editing ? t('monitoring.stationForm.editTitle') : t('monitoring.stationForm.newTitle')}
      okText={t('monitoring.stationForm.save')}
      cancelText={t('monitoring.stationForm.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'station-form-submit' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<StationFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={(values) => void submit(values)} data-testid="station-form" preserve={false}>
        {error && <Alert type="error" showIcon data-testid="station-form-error" title={error} style={{ marginBottom: 16 }} />}
        <Space wrap align="start">
          <Form.Item name="kind" label={t('monitoring.stationForm.kind')} rules={[{ required: true }]}>
            <Select
              data-testid="station-form-kind"
              disabled={editing}
              style={{ width: 160 }}
              options={STATION_KINDS.map((value) => ({ value, label: t(`monitoring.kinds.${value}`) }))}
              onChange={() => form.setFieldsValue({ subKind: null, waterBody: null })}
            />
          </Form.Item>
          {SUB_KINDS_OF[kind].length > 0 && (
            <Form.Item name="subKind" label={t('monitoring.stationForm.subKind')}>
              <Select
                disabled={editing}
                allowClear
                style={{ width: 160 }}
                options={STATION_SUB_KINDS.filter((value) => SUB_KINDS_OF[kind].includes(value)).map((value) => ({ value, label: t(`monitoring.subKinds.${value}`) }))}
              />
            </Form.Item>
          )}
          {kind === 'surface_water' && (
            <Form.Item name="waterBody" label={t('monitoring.stationForm.waterBody')}>
              <Select allowClear style={{ width: 160 }} options={WATER_BODIES.map((value) => ({ value, label: t(`monitoring.stationForm.waterBodies.${value}`) }))} />
            </Form.Item>
          )}
        </Space>
        <Space wrap align="start">
          <Form.Item name="code" label={t('monitoring.stationForm.code')} rules={[{ required: true }]}>
            <Input data-testid="station-form-code" disabled={editing} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="mn" label={t('monitoring.stationForm.mn')}>
            <Input data-testid="station-form-mn" style={{ width: 240 }} />
          </Form.Item>
        </Space>
        <Form.Item name="name" label={t('monitoring.stationForm.name')} rules={[{ required: true }]}>
          <Input data-testid="station-form-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('monitoring.stationForm.nameEn')} rules={[{ required: true }]}>
          <Input data-testid="station-form-name-en" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="longitude" label={t('monitoring.stationForm.longitude')} rules={[{ required: true }]}>
            <InputNumber data-testid="station-form-longitude" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="latitude" label={t('monitoring.stationForm.latitude')} rules={[{ required: true }]}>
            <InputNumber data-testid="station-form-latitude" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="provinceCode" label={t('monitoring.stationForm.province')} rules={[{ required: true }]}>
            <Select
              data-testid="station-form-province"
              disabled={editing}
              style={{ width: 160 }}
              options={provinces.map((p) => ({ value: p.code, label: english ? p.nameEn : p.name }))}
              onChange={() => form.setFieldsValue({ cityCode: undefined })}
            />
          </Form.Item>
          <Form.Item name="cityCode" label={t('monitoring.stationForm.city')} rules={[{ required: true }]}>
            <Select data-testid="station-form-city" style={{ width: 180 }} options={cities.map((c) => ({ value: c.code, label: english ? c.nameEnFull : c.name }))} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          {platformAdmin && (
            <Form.Item name="ownerOrganisationId" label={t('monitoring.stationForm.owner')} extra={t(editing ? 'monitoring.stationForm.ownerTransferHint' : 'monitoring.stationForm.ownerHint')}>
              <Select
                data-testid="station-form-owner"
                allowClear={!editing}
                showSearch={{ optionFilterProp: 'label' }}
                loading={directory.loading}
                style={{ width: 280 }}
                options={ownerOptions}
              />
            </Form.Item>
          )}
          <Form.Item name="operatorOrganisationId" label={t('monitoring.stationForm.operator')}>
            <Select
              data-testid="station-form-operator"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={directory.loading}
              style={{ width: 280 }}
              options={operatorOptions}
            />
          </Form.Item>
          {editing && station.status !== 'retired' && (
            <Form.Item name="status" label={t('monitoring.stationForm.status')}>
              <Select data-testid="station-form-status" style={{ width: 140 }} options={EDITABLE_STATUSES.map((value) => ({ value, label: t(`monitoring.statuses.${value}`) }))} />
            </Form.Item>
          )}
        </Space>
        <Form.List name="parameters">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'code']} label={t('monitoring.stationForm.parameterCode')} rules={[{ required: true }]}>
                    <Input data-testid={`station-form-param-code-${field.name}`} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'unit']} label={t('monitoring.stationForm.unit')} rules={[{ required: true }]}>
                    <Input data-testid={`station-form-param-unit-${field.name}`} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'permitLimit']} label={t('monitoring.stationForm.permitLimit')}>
                    <InputNumber data-testid={`station-form-param-limit-${field.name}`} min={0} style={{ width: 140 }} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label={t('monitoring.stationForm.removeParameter')} onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} data-testid="station-form-add-parameter" onClick={() => add({ code: '', unit: '', permitLimit: null })}>
                {t('monitoring.stationForm.addParameter')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
