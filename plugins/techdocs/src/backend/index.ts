export { createTechdocsPlugin } from './createTechdocsPlugin.js';
export type { TechdocsPlugin, TechdocsPluginEnvironment } from './createTechdocsPlugin.js';
export { techdocsConfigSection } from './config.js';
export type { TechdocsConfig } from './config.js';
export type { DocsCatalog, DocsService } from './DocsService.js';
export type { DocsGitReader, DocsSource } from './DocsSource.js';
export { createDocsRenderer } from './render/renderMarkdown.js';
export type { RenderedPage, RenderDocsPage } from './render/renderMarkdown.js';
export { TECHDOCS_PLUGIN_ID } from '../common/index.js';
