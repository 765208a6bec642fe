import { KIND_LABEL, RELATION_LABEL, RELATION_PAIRS, type RelationTypeName } from '@/lib/annotations/model';
import { Button } from '@/components/ui/Button';
import { isTemporary, type ClientAnnotation, type ClientRelation } from '@/components/annotator/store/annotator-store';
import { quoteOf } from './format';

interface Props {
  annotation: ClientAnnotation;
  text: string;
  relations: ClientRelation[];
  byId: Map<string, ClientAnnotation>;
  /** May link and unlink (annotates, article not archived). */
  canLink: boolean;
  meId: string;
  /** One's own saved annotation: its claim may be marked unattributed. */
  own: boolean;
  saving: boolean;
  select: (id: string) => void;
  removeRelation: (relation: ClientRelation) => void;
  startPicking: (fromId: string, type: RelationTypeName) => void;
  setUnattributed: (unattributed: boolean) => void;
}

/** The annotation's links to others (each opens the other end), starting new ones, and the unattributed flag. */
export function RelationsSection({
  annotation,
  text,
  relations,
  byId,
  canLink,
  meId,
  own,
  saving,
  select,
  removeRelation,
  startPicking,
  setUnattributed,
}: Props) {
  const mine = relations.filter((r) => r.fromId === annotation.id || r.toId === annotation.id);
  const pickTypes = (Object.keys(RELATION_PAIRS) as RelationTypeName[]).filter((t) => RELATION_PAIRS[t].from === annotation.kind);
  const attributed = mine.some((r) => r.type === 'attributed_to' && r.fromId === annotation.id);

  return (
    <section aria-labelledby="relations-heading" className="space-y-2">
      <h3 id="relations-heading" className="text-xs font-medium uppercase tracking-wide text-stone-600">
        Relations
      </h3>
      {mine.length === 0 ? <p className="text-stone-600">None yet.</p> : null}
      <ul className="space-y-1">
        {mine.map((r) => {
          const outgoing = r.fromId === annotation.id;
          const other = byId.get(outgoing ? r.toId : r.fromId);
          return (
            <li key={r.id} className="flex items-start gap-2">
              <span className="shrink-0 text-stone-600">{outgoing ? RELATION_LABEL[r.type].outgoing : RELATION_LABEL[r.type].incoming}:</span>
              {other ? (
                <Button type="button" variant="link" className="text-left" onClick={() => select(other.id)}>
                  <span className={`legend-swatch k-${other.kind}`}>{KIND_LABEL[other.kind]}</span> “{quoteOf(text, other).slice(0, 80)}”
                </Button>
              ) : (
                <span className="text-stone-600">(loading)</span>
              )}
              {r.authorId === meId && canLink && !isTemporary(r) ? (
                <Button
                  type="button"
                  variant="link-danger"
                  className="ml-auto shrink-0 text-xs"
                  onClick={() => removeRelation(r)}
                  aria-label={`Remove the relation ${RELATION_LABEL[r.type].outgoing.toLowerCase()}`}
                >
                  Remove
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {canLink && !isTemporary(annotation) ? (
        <div className="flex flex-wrap gap-1">
          {pickTypes.map((type) => (
            <Button
              key={type}
              type="button"
              variant="compact-link"
              className="px-2 py-0.5"
              disabled={type === 'attributed_to' && annotation.unattributed}
              title={type === 'attributed_to' && annotation.unattributed ? 'This claim is marked unattributed.' : undefined}
              onClick={() => startPicking(annotation.id, type)}
            >
              {RELATION_LABEL[type].action}…
            </Button>
          ))}
        </div>
      ) : null}
      {annotation.kind === 'claim' && own ? (
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={annotation.unattributed} disabled={attributed || saving} onChange={(e) => setUnattributed(e.target.checked)} />
          Unattributed on purpose (no source in the text)
        </label>
      ) : annotation.unattributed ? (
        <p className="text-stone-700">Marked unattributed on purpose.</p>
      ) : null}
    </section>
  );
}
