import { REGION_CODE } from '../../../contracts/common';
import type { OrganisationKind, Role } from '../../../contracts/identity';
import { citiesOf, findDivision, PROVINCE_CODES, type ProvinceCode } from '../../../standards/divisions';
import { computeOrgCodeCheckChar, computeUsccCheckChar } from '../../../standards/uscc';

/**
 * The demo data set: every value is derived from constants and the GB/T 2260 table, so two
 * runs (or two machines) produce the same organisations, codes and accounts.
 */

export interface DemoOrganisation {
  name: string;
  nameEn: string;
  kind: OrganisationKind;
  divisionCode: string;
  uscc: string | null;
  /** Name of the parent organisation (resolved to an id when seeding). */
  parentName: string | null;
}

export interface DemoUser {
  username: string;
  displayName: string;
  organisationName: string;
  roles: Role[];
  description: string;
}

export interface DemoCredential {
  username: string;
  password: string;
  description: string;
}

/** The one password of every demo account; it satisfies the password rules. */
export const DEMO_PASSWORD = 'Demo#2026-yrd';

const PROVINCES: Record<ProvinceCode, { short: string; department: string; departmentEn: string; centre: string; centreEn: string; en: string }> = {
  '310000': {
    short: 'sh',
    department: '上海市生态环境局',
    departmentEn: 'Shanghai Municipal Bureau of Ecology and Environment',
    centre: '上海市环境监测中心',
    centreEn: 'Shanghai Environmental Monitoring Center',
    en: 'Shanghai',
  },
  '320000': {
    short: 'js',
    department: '江苏省生态环境厅',
    departmentEn: 'Department of Ecology and Environment of Jiangsu Province',
    centre: '江苏省环境监测中心',
    centreEn: 'Jiangsu Provincial Environmental Monitoring Center',
    en: 'Jiangsu',
  },
  '330000': {
    short: 'zj',
    department: '浙江省生态环境厅',
    departmentEn: 'Department of Ecology and Environment of Zhejiang Province',
    centre: '浙江省生态环境监测中心',
    centreEn: 'Zhejiang Ecological and Environmental Monitoring Center',
    en: 'Zhejiang',
  },
  '340000': {
    short: 'ah',
    department: '安徽省生态环境厅',
    departmentEn: 'Department of Ecology and Environment of Anhui Province',
    centre: '安徽省生态环境监测中心',
    centreEn: 'Anhui Ecological and Environmental Monitoring Center',
    en: 'Anhui',
  },
};

export const WORKING_GROUP_NAME = '长三角生态环境保护协作小组工作专班';
const EXTERNAL_NAME = '社会公众及第三方机构';

/**
 * DEMO VALUES, NOT REAL CODES. A syntactically valid USCC for a government body of the demo
 * set: authority 1 (机构编制) with type 1 (机关) or 2 (事业单位), the body's division code, an
 * invented organisation code body `D<tag><division>` with its GB 11714 check character, and the
 * GB 32100 check character — both computed by src/standards/uscc.
 */
export function demoUscc(type: '11' | '12', divisionCode: string, tag: string): string {
  const body = `D${tag}${divisionCode.slice(0, 6)}`.slice(0, 8);
  const orgCode = `${body}${computeOrgCodeCheckChar(body)}`;
  const first17 = `${type}${divisionCode}${orgCode}`;
  const check = computeUsccCheckChar(first17);
  if (check === null) throw new Error(`cannot compute a demo USCC for ${first17}`);
  return `${first17}${check}`;
}

/** The demo organisations, parents before children. */
export function demoOrganisations(): DemoOrganisation[] {
  const organisations: DemoOrganisation[] = [
    {
      name: WORKING_GROUP_NAME,
      nameEn: 'Working Group of the Yangtze River Delta Eco-Environment Protection Collaboration',
      kind: 'working_group',
      divisionCode: REGION_CODE,
      uscc: null,
      parentName: null,
    },
  ];
  for (const code of PROVINCE_CODES) {
    const province = PROVINCES[code];
    organisations.push({
      name: province.department,
      nameEn: province.departmentEn,
      kind: 'provincial_department',
      divisionCode: code,
      uscc: demoUscc('11', code, 'A'),
      parentName: null,
    });
  }
  for (const code of PROVINCE_CODES) {
    const province = PROVINCES[code];
    organisations.push({
      name: province.centre,
      nameEn: province.centreEn,
      kind: 'monitoring_centre',
      divisionCode: code,
      uscc: demoUscc('12', code, 'M'),
      parentName: province.department,
    });
  }
  for (const code of PROVINCE_CODES) {
    // Shanghai has no prefecture-level cities (310100 is the pseudo-prefecture of its districts):
    // its municipal bureau is the provincial department above.
    if (code === '310000') continue;
    const province = PROVINCES[code];
    for (const city of citiesOf(code)) {
      organisations.push({
        name: `${city.name}生态环境局`,
        nameEn: `${city.nameEn} Municipal Bureau of Ecology and Environment (${province.en})`,
        kind: 'city_bureau',
        divisionCode: city.code,
        uscc: demoUscc('11', city.code, 'C'),
        parentName: province.department,
      });
    }
  }
  organisations.push({
    name: EXTERNAL_NAME,
    nameEn: 'The public and third parties',
    kind: 'external',
    divisionCode: REGION_CODE,
    uscc: null,
    parentName: null,
  });
  return organisations;
}

/** The demo accounts: a platform admin, a working-group member, and per province an org admin and an analyst. */
export function demoUsers(): DemoUser[] {
  const users: DemoUser[] = [
    { username: 'admin', displayName: '平台管理员', organisationName: WORKING_GROUP_NAME, roles: ['platform_admin'], description: '平台管理员 platform_admin' },
    { username: 'wg', displayName: '工作专班成员', organisationName: WORKING_GROUP_NAME, roles: ['working_group_member'], description: '工作专班成员 working_group_member' },
  ];
  for (const code of PROVINCE_CODES) {
    const province = PROVINCES[code];
    const provinceName = findDivision(code)?.name ?? code;
    users.push(
      {
        username: `${province.short}-admin`,
        displayName: `${provinceName}单位管理员`,
        organisationName: province.department,
        roles: ['org_admin'],
        description: `单位管理员 org_admin · ${province.department}`,
      },
      {
        username: `${province.short}-user`,
        displayName: `${provinceName}分析人员`,
        organisationName: province.department,
        roles: ['analyst'],
        description: `分析人员 analyst · ${province.department}`,
      },
    );
  }
  return users;
}

/**
 * The demo sign-ins, for the start banner and for tests. It is a list of
 * `{ username, password, description }` and also carries `.password`, the shared password.
 */
export const DEMO_CREDENTIALS: readonly DemoCredential[] & { readonly password: string } = Object.freeze(
  Object.assign(
    demoUsers().map((user) => ({ username: user.username, password: DEMO_PASSWORD, description: user.description })),
    { password: DEMO_PASSWORD },
  ),
);
