import './z';

export * from './access';
export * from './account';
export * from './contract';
export * from './errors';
export * from './fields';
export * from './geo';
export * from './opening-hours';
export * from './region';
export * from './station';
export * from './time';
export * from './cities';
export { z } from './z';
export * from './districts';
export * from './station-admin';
export * from './station-import';
