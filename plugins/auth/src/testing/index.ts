export { startTestOidcProvider, type TestAccount, type TestOidcProvider } from './oidcProvider.js';
