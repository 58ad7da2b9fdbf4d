import { afterEach, describe, expect, it } from 'vitest';
import { FakeChannelHub, FakeLockManager } from '../../test/utils/fakeTabs';
import { createTabCoordinator, type Envelope, type TabCoordinator } from './tabCoordinator';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createTabCoordinator', () => {
  const started: TabCoordinator[] = [];
  afterEach(() => started.splice(0).forEach((tab) => tab.stop()));

  function tabs(count: number) {
    const locks = new FakeLockManager() as unknown as LockManager;
    const hub = new FakeChannelHub();
    return Array.from({ length: count }, (_, i) => {
      const tab = createTabCoordinator({ locks, createChannel: hub.create, tabId: `tab-${i}` });
      started.push(tab);
      return tab;
    });
  }

  it('elects one leader; when it closes another takes over', async () => {
    const [a, b, c] = tabs(3);
    a!.start();
    b!.start();
    c!.start();
    await flush();
    expect([a!.isLeader(), b!.isLeader(), c!.isLeader()]).toEqual([true, false, false]);
    const changes: boolean[] = [];
    b!.onLeadershipChange((leader) => changes.push(leader));
    a!.stop();
    await flush();
    expect(b!.isLeader()).toBe(true);
    expect(c!.isLeader()).toBe(false);
    expect(changes).toEqual([true]);
  });

  it('shares messages with the other tabs, not with itself', async () => {
    const [a, b] = tabs(2);
    a!.start();
    b!.start();
    await flush();
    const seenByA: Envelope[] = [];
    const seenByB: Envelope[] = [];
    a!.onMessage((m) => seenByA.push(m));
    b!.onMessage((m) => seenByB.push(m));
    a!.post({ type: 'poll-now' });
    expect(seenByB).toEqual([{ type: 'poll-now', from: 'tab-0' }]);
    expect(seenByA).toEqual([]);
  });

  it('tells the leader when any tab is visible', async () => {
    const [leader, follower] = tabs(2);
    leader!.start();
    follower!.start();
    await flush();
    const seen: boolean[] = [];
    leader!.onVisibilityChange((visible) => seen.push(visible));
    leader!.setOwnVisibility(false);
    expect(leader!.anyTabVisible()).toBe(false);
    follower!.setOwnVisibility(true);
    expect(leader!.anyTabVisible()).toBe(true);
    follower!.stop(); // says bye
    expect(leader!.anyTabVisible()).toBe(false);
    expect(seen).toEqual([false, true, false]);
  });

  it('lets every tab poll on its own where Web Locks are missing', () => {
    const hub = new FakeChannelHub();
    const a = createTabCoordinator({ locks: undefined, createChannel: hub.create });
    const b = createTabCoordinator({ locks: undefined, createChannel: hub.create });
    started.push(a, b);
    a.start();
    b.start();
    expect(a.shared).toBe(false);
    expect(a.isLeader() && b.isLeader()).toBe(true);
  });
});
