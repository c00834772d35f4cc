export function ImportScreen() {
  return <section aria-labelledby="screen-title"><h1 id="screen-title">Import</h1></section>;
}
