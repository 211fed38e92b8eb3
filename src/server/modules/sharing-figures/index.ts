/** The sharing figures' only public surface (共享成效, M1.4). */
export { createSharingFiguresService, type SharingFiguresService } from './figures.service';
export { registerSharingFiguresRoutes } from './figures.routes';
export type { FigureSources } from './figures.sources';
