/** The demo data set's public surface (used by `yrd-eco demo`, `npm start` and tests). */
export {
  DEMO_CREDENTIALS,
  DEMO_PASSWORD,
  WORKING_GROUP_NAME,
  demoOrganisations,
  demoUsers,
  demoUscc,
  type DemoCredential,
  type DemoOrganisation,
  type DemoUser,
} from './demo.data';
export { seedDemoData, seedDemoIfEmpty, type SeedOptions, type SeedResult } from './demo.seed';
