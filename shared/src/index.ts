import './z';

export * from './access';
export * from './activity';
export * from './account';
export * from './contract';
export * from './errors';
export * from './fields';
export * from './geo';
export * from './id-number';
export * from './membership';
export * from './opening-hours';
export * from './region';
export * from './search-text';
export * from './station';
export * from './station-filters';
export * from './time';
export * from './cities';
export { z } from './z';
