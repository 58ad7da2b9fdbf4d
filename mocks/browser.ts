/** Starts the MSW worker in the browser (replaced by the full mock backend). */
export async function startMockWorker(): Promise<void> {}
