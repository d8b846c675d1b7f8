export { slugify, type SlugifyOptions } from './slugify.js';
