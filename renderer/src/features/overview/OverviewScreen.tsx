export function OverviewScreen() {
  return <section aria-labelledby="screen-title"><h1 id="screen-title">Overview</h1></section>;
}
