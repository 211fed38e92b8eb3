export { registerReferenceRoutes } from './reference.routes';
