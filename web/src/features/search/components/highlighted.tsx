import type { Segment } from '../api/search.api';

/** Runs of text with the matched words marked; plain text only (the API sends no HTML). */
export function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: runs have no identity beyond their place
          <mark key={i} style={{ padding: 0, background: '#ffe58f' }}>
            {s.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: runs have no identity beyond their place
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
