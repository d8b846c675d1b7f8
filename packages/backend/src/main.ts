import { ConfigError } from '@portal/backend-common';
import { startBackend } from './startBackend.js';

// The portal's executable: `node packages/backend/dist/main.js [--config file]...`.
try {
  const backend = await startBackend({ argv: process.argv.slice(2) });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      backend.shutdown().then(
        () => process.exit(0),
        error => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    console.error(`Cannot start: ${(error as Error).message}. Set PORT or backend.listen.port to a free port.`);
    process.exit(1);
  }
  console.error('The portal failed to start:', error);
  process.exit(1);
}
