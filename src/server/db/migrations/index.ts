import type { PortableMigration } from '../migrator';
import { identity } from './20261128-01-identity';
import { audit } from './20261128-02-audit';
import { monitoring } from './20261128-03-monitoring';
import { access } from './20261128-13-access';
import { assessment } from './20261128-04-assessment';
import { gateway } from './20261128-05-gateway';
import { dictionary } from './20261128-10-dictionary';
import { catalog } from './20261128-11-catalog';
import { releases } from './20261128-12-releases';
import { notifications } from './20261128-14-notifications';
import { readingsInbox } from './20261128-15-readings-inbox';
import { readingsTimeOrder } from './20261206-16-readings-time-order';

/**
 * Every migration, in the order it runs. Names are `YYYYMMDD-NN-what`; never rename or edit a
 * released migration — add a new one.
 */
export const migrations: PortableMigration[] = [identity, audit, monitoring, assessment, gateway, dictionary, catalog, releases, access, notifications, readingsInbox, readingsTimeOrder];
