export function ProfilesScreen() {
  return <section aria-labelledby="screen-title"><h1 id="screen-title">Profiles</h1></section>;
}
