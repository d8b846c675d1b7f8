import { useState } from 'react';

export const SITE_TITLE = ${{ values.title | dump }};
export const SITE_DESCRIPTION = ${{ values.description | dump }};

export function App() {
  const [count, setCount] = useState(0);
  return (
    <main className="page">
      <header>
        <h1>{SITE_TITLE}</h1>
        <p className="lead">{SITE_DESCRIPTION}</p>
      </header>
      <section aria-labelledby="start">
        <h2 id="start">Start here</h2>
        <p>
          Edit <code>src/App.tsx</code> and save; the page reloads. The docs for this website are in the developer
          portal, next to its catalog entry.
        </p>
        <button type="button" onClick={() => setCount(c => c + 1)}>
          Clicked {count} {count === 1 ? 'time' : 'times'}
        </button>
      </section>
    </main>
  );
}
