// KaTeX's stylesheet (and the fonts it names) is bundled by the app's build; it has no types.
declare module 'katex/dist/katex.min.css';
