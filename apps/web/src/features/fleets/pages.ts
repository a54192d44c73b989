// The fleet pages and the fleet crumb as one chunk: one lazy import keeps the entry chunk, which every
// page downloads, from listing the dependencies of three chunks (the bundle budget has little room).
export { FleetCrumb } from './components/detail/FleetCrumb';
export { FleetPage } from './components/detail/FleetPage';
export { FleetTaskPage } from './components/tasks/FleetTaskPage';
export { FleetsListPage } from './components/list/FleetsListPage';
