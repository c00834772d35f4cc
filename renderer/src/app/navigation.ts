/** Screens are addressed in the hash (#/customer?code=C042) so reload and back keep the place. */
export type Location = { screen: string; params: Record<string, string> };

export function parseHash(hash: string): Location {
  const text = hash.replace(/^#\/?/, '');
  const [screen, query = ''] = text.split('?');
  return { screen: screen || '', params: Object.fromEntries(new URLSearchParams(query)) };
}

export function toHash(location: Location): string {
  const query = new URLSearchParams(location.params).toString();
  return `#/${location.screen}${query ? `?${query}` : ''}`;
}
