import { EXPORT_FILTER_KEYS } from '@/lib/export/schemas';

/**
 * "Export": a GET form to /api/export, so downloading needs no JavaScript. The current /articles
 * filters (or the article's id) go along as hidden fields; the server answers with an attachment.
 */
export function ExportMenu({ filters = {}, articleId }: { filters?: Partial<Record<string, string>>; articleId?: string }) {
  const hidden = EXPORT_FILTER_KEYS.flatMap((key) => (filters[key] ? [[key, filters[key]] as const] : []));
  const what = articleId ? 'this article' : hidden.length ? 'the articles that match these filters' : 'the whole corpus';
  return (
    <details className="group relative text-sm" data-testid="export-menu">
      <summary className="inline-flex cursor-pointer list-none items-center gap-1 rounded-md border border-stone-300 bg-white px-3 py-1.5 font-medium text-stone-800 hover:bg-stone-50">
        Export <span aria-hidden="true">▾</span>
      </summary>
      <form method="get" action="/api/export" className="mt-2 w-72 space-y-3 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
        <p className="text-stone-600">Export {what}.</p>
        {articleId ? <input type="hidden" name="articleId" value={articleId} /> : null}
        {hidden.map(([key, value]) => (
          <input key={key} type="hidden" name={key} value={value} />
        ))}
        <label className="block">
          <span className="mb-1 block font-medium text-stone-800">Format</span>
          <select name="format" defaultValue="jsonl" className="w-full rounded-md border border-stone-300 bg-white px-2 py-1">
            <option value="jsonl">JSONL (one article per line)</option>
            <option value="w3c">W3C Web Annotation (JSON-LD)</option>
            <option value="csv">CSV (one row per annotation)</option>
            <option value="brat">brat standoff (zip)</option>
          </select>
        </label>
        <fieldset>
          <legend className="mb-1 font-medium text-stone-800">Annotations</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="status" value="approved" defaultChecked /> Approved only
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="status" value="all" /> All, with their status
          </label>
        </fieldset>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="bom" value="1" /> CSV for spreadsheets (UTF-8 with BOM)
        </label>
        <button type="submit" className="rounded-md bg-indigo-700 px-3 py-1.5 font-medium text-white hover:bg-indigo-800">
          Download
        </button>
      </form>
    </details>
  );
}
