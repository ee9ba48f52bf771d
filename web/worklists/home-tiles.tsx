import type { WorklistSide } from '../../db/worklists/worklists.repository';

/**
 * The worklist tiles of the referrer and provider home pages. The home page has no database
 * at hand, so the counts arrive by htmx as the page loads; without JavaScript the link leads
 * to the worklists, which show the same counts.
 */
export function HomeWorklistTiles({ side }: { side: WorklistSide }) {
  const first = side === 'provider' ? '/worklists/review' : '/worklists/awaiting-booking';
  return (
    <div hx-get="/worklists/tiles" hx-trigger="load" hx-swap="outerHTML">
      <p>
        <a href={first}>Go to your worklists</a>
      </p>
    </div>
  );
}
