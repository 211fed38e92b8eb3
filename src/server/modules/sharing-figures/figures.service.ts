import type { FigureScope, SharingFigures } from '../../../contracts/sharing-figures';
import type { Clock } from '../../platform/clock';
import { computeFigures } from './figures.compute';
import { loadFacts, type FigureSources } from './figures.sources';
import { figuresWorkbook } from './figures.xlsx';

export interface SharingFiguresService {
  figures(scope: FigureScope): Promise<SharingFigures>;
  workbook(scope: FigureScope): Promise<Buffer>;
}

/**
 * 共享成效: every member may see the region's and each province's figures (they are the
 * memoranda's public progress measure). Facts are gathered per call; a dashboard is read a few
 * times a day, and the facts are a few rows per dataset.
 */
export function createSharingFiguresService(deps: { clock: Clock; sources: FigureSources }): SharingFiguresService {
  async function figures(scope: FigureScope): Promise<SharingFigures> {
    const now = deps.clock.now();
    const facts = await loadFacts(deps.sources);
    return { ...computeFigures(facts, scope, now), generatedAt: new Date(now).toISOString() };
  }
  return {
    figures,
    async workbook(scope) {
      return figuresWorkbook(await figures(scope));
    },
  };
}
