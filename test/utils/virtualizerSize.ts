/**
 * jsdom lays nothing out, so a virtualised list renders no rows. Giving elements a size makes
 * @tanstack/react-virtual render the rows that would be in view.
 */
import { afterEach, beforeEach } from 'vitest';

export function fakeElementSize(width = 1200, height = 800): void {
  const original = {
    height: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight'),
    width: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth'),
    offsetHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight'),
    offsetWidth: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetWidth'),
  };
  beforeEach(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => height });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => width });
    Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => height });
    Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => width });
  });
  afterEach(() => {
    for (const [name, descriptor] of Object.entries(original)) {
      const property = name === 'height' ? 'clientHeight' : name === 'width' ? 'clientWidth' : name;
      if (descriptor) Object.defineProperty(HTMLElement.prototype, property, descriptor);
    }
  });
}
