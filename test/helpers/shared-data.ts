import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '../..');

/**
 * The project's shared reference folder (real HJ 212 traffic and other data that is not ours to
 * commit): `YRD_SHARED_DIR` when set, else `shared/` beside the checkout, where CI places it.
 * Tests that need it are skipped, visibly, when it is absent.
 */
export function sharedDataPath(...parts: string[]): string {
  const candidates = [process.env.YRD_SHARED_DIR, resolve(REPO_ROOT, '../shared'), '/work/shared'].filter(
    (dir): dir is string => dir !== undefined && dir !== '',
  );
  const root = candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
  return resolve(root, ...parts);
}
