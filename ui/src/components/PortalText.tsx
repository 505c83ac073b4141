/** Checklist text in which the Azure portal's own labels are quoted ("Access tokens (used for
 * implicit flows)"): each label is shown as the portal writes it, marked as a label to find. */
export function PortalText({ text }: { text: string }) {
  const parts = text.split(/"([^"]+)"/);
  return <>{parts.map((part, i) => (i % 2 ? <q key={i} class="tech portal-label">{part}</q> : part))}</>;
}
