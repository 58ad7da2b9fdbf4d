export function App() {
  return (
    <main>
      <h1>Task Center</h1>
    </main>
  );
}
