// Types of the default entry ("qinglian"): the module is loaded on import.
export * from './api.js';
