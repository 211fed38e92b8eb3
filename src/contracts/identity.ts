import { Type, type Static } from 'typebox';
import { DivisionCode, Id, Instant, Locale, Page, PageQuery, StringEnum, Text, Uscc } from './common';

/** Kinds of organisation (机构类型). */
export const ORGANISATION_KINDS = [
  'working_group', // 工作专班: the regional joint working group
  'provincial_department', // 省级生态环境厅/局
  'city_bureau', // 市生态环境局
  'county_bureau', // 区县分局
  'monitoring_centre', // 监测中心/站
  'external', // 外部机构及公众 (third parties, the public)
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ROLES = [
  'platform_admin', // 平台管理员
  'working_group_member', // 工作专班成员
  'org_admin', // 单位管理员
  'data_steward', // 数据管理员
  'analyst', // 分析人员
  'inspector', // 执法检查人员
  'read_only', // 只读
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Permissions are what routes check; roles are bundles of them (mapped on the server).
 * Token scopes are a subset of the owner's permissions.
 */
export const PERMISSIONS = [
  'organisations:read',
  'organisations:manage',
  'users:read',
  'users:manage',
  'audit:read',
  'tokens:manage',
  'stations:read', // monitoring stations (shared among all members)
  'stations:manage', // create/update/retire the own organisation's stations
  'readings:read', // monitoring readings (shared among all members)
  'readings:write', // enter/import the own organisation's readings and samples
  'readings:validate', // mark the own organisation's readings validated/invalid
  'alerts:read', // exceedance and data-quality alerts
  'gateway:manage', // HJ 212 gateway connections and settings
  // Data sharing (数据共享, M1); see docs/sharing.md.
  'catalog:read', // browse the catalog, dictionary, schemas and release metadata
  'catalog:manage', // the own organisation's datasets, schemas and data duties
  'dictionary:manage', // data elements and code lists: the regional data standard (标准统一)
  'data:submit', // upload, validate and release the own organisation's datasets
  'data:review', // custodian review of releases (数据审核)
  'data:read', // read shared rows: own, 无条件共享, or granted
  'access:request', // request access to a dataset for the own organisation (共享申请)
  'access:decide', // answer access requests to the own organisation's datasets
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const Organisation = Type.Object(
  {
    id: Id,
    name: Type.String(),
    nameEn: Type.String(),
    kind: StringEnum(ORGANISATION_KINDS),
    divisionCode: Type.String({ description: 'GB/T 2260 行政区划代码 of the area it serves' }),
    provinceCode: Type.String(),
    uscc: Type.Union([Type.String(), Type.Null()]),
    parentId: Type.Union([Id, Type.Null()]),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'Organisation' },
);
export type Organisation = Static<typeof Organisation>;

export const ListOrganisationsQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    kind: Type.Optional(StringEnum(ORGANISATION_KINDS)),
    provinceCode: Type.Optional(DivisionCode),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export const ListOrganisationsResponse = Page(Organisation);

export const CreateOrganisationRequest = Type.Object(
  {
    name: Text(100),
    nameEn: Text(200),
    kind: StringEnum(ORGANISATION_KINDS),
    divisionCode: DivisionCode,
    uscc: Type.Optional(Uscc),
    parentId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type CreateOrganisationRequest = Static<typeof CreateOrganisationRequest>;

export const UpdateOrganisationRequest = Type.Object(
  {
    name: Type.Optional(Text(100)),
    nameEn: Type.Optional(Text(200)),
    uscc: Type.Optional(Type.Union([Uscc, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateOrganisationRequest = Static<typeof UpdateOrganisationRequest>;

export const User = Type.Object(
  {
    id: Id,
    username: Type.String(),
    displayName: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    organisationId: Id,
    roles: Type.Array(StringEnum(ROLES)),
    locale: Locale,
    status: StringEnum(['active', 'disabled'] as const),
    lockedUntil: Type.Union([Instant, Type.Null()]),
    lastLoginAt: Type.Union([Instant, Type.Null()]),
    createdAt: Instant,
  },
  { $id: 'User' },
);
export type User = Static<typeof User>;

/** Username: letters, digits, `.`, `_`, `-`; 2–64 characters (e.g. `wg`, `sh-admin`). */
export const Username = Type.String({ pattern: '^[A-Za-z0-9._-]{2,64}$' });
/** Password rules (checked again by the server with a clear WEAK_PASSWORD error). */
export const Password = Type.String({ minLength: 1, maxLength: 256 });

export const ListUsersQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    organisationId: Type.Optional(Id),
    role: Type.Optional(StringEnum(ROLES)),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export const ListUsersResponse = Page(User);

export const CreateUserRequest = Type.Object(
  {
    username: Username,
    displayName: Text(100),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    organisationId: Id,
    roles: Type.Array(StringEnum(ROLES), { minItems: 1, maxItems: ROLES.length, uniqueItems: true }),
    password: Password,
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);
export type CreateUserRequest = Static<typeof CreateUserRequest>;

export const UpdateUserRequest = Type.Object(
  {
    displayName: Type.Optional(Text(100)),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()])),
    roles: Type.Optional(Type.Array(StringEnum(ROLES), { minItems: 1, maxItems: ROLES.length, uniqueItems: true })),
    status: Type.Optional(StringEnum(['active', 'disabled'] as const)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserRequest = Static<typeof UpdateUserRequest>;

export const ResetPasswordRequest = Type.Object({ newPassword: Password }, { additionalProperties: false });

export const LoginRequest = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Password },
  { additionalProperties: false },
);
export type LoginRequest = Static<typeof LoginRequest>;

export const Me = Type.Object(
  {
    user: User,
    organisation: Organisation,
    permissions: Type.Array(StringEnum(PERMISSIONS)),
    /** Send back as the `x-csrf-token` header on every unsafe request made with the session cookie. */
    csrfToken: Type.String(),
  },
  { $id: 'Me' },
);
export type Me = Static<typeof Me>;
/** `POST /auth/login` answers with the same shape as `GET /auth/me` (and sets the session cookie). */
export const LoginResponse = Me;

export const UpdatePreferencesRequest = Type.Object({ locale: Locale }, { additionalProperties: false });
export const ChangePasswordRequest = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);

export const ApiToken = Type.Object(
  {
    id: Id,
    name: Type.String(),
    /** First characters of the secret, to recognise it; the secret itself is shown once. */
    prefix: Type.String(),
    scopes: Type.Array(StringEnum(PERMISSIONS)),
    expiresAt: Instant,
    revokedAt: Type.Union([Instant, Type.Null()]),
    lastUsedAt: Type.Union([Instant, Type.Null()]),
    createdAt: Instant,
  },
  { $id: 'ApiToken' },
);
export type ApiToken = Static<typeof ApiToken>;

export const CreateTokenRequest = Type.Object(
  {
    name: Text(100),
    scopes: Type.Array(StringEnum(PERMISSIONS), { minItems: 1, maxItems: PERMISSIONS.length, uniqueItems: true }),
    expiresInDays: Type.Integer({ minimum: 1, maximum: 366 }),
  },
  { additionalProperties: false },
);
export type CreateTokenRequest = Static<typeof CreateTokenRequest>;
export const CreateTokenResponse = Type.Object({ token: ApiToken, secret: Type.String({ description: 'Shown once' }) });
export const ListTokensResponse = Type.Object({ items: Type.Array(ApiToken) });
