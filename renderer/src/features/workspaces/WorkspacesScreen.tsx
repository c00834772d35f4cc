export function WorkspacesScreen() {
  return <section aria-labelledby="screen-title"><h1 id="screen-title">Workspaces</h1></section>;
}
