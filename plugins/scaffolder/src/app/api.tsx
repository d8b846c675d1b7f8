import { createContext, useContext, type ReactNode } from 'react';
import { fetchJson } from '@portal/app-api';
import { ScaffolderClient } from '../common/index.js';

const defaultClient = new ScaffolderClient({ fetchJson });
const ScaffolderClientContext = createContext<ScaffolderClient>(defaultClient);

/** Lets tests and other hosts give the pages a client with another base URL. */
export function ScaffolderClientProvider({ client, children }: { client: ScaffolderClient; children: ReactNode }) {
  return <ScaffolderClientContext.Provider value={client}>{children}</ScaffolderClientContext.Provider>;
}

export function useScaffolderClient(): ScaffolderClient {
  return useContext(ScaffolderClientContext);
}
