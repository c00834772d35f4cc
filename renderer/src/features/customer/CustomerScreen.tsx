export function CustomerScreen() {
  return <section aria-labelledby="screen-title"><h1 id="screen-title">Customer</h1></section>;
}
