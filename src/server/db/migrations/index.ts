import type { PortableMigration } from '../migrator';

/**
 * Every migration, in the order it runs. Names are `YYYYMMDD-NN-what`; never rename or edit a
 * released migration — add a new one.
 */
export const migrations: PortableMigration[] = [];
