package io.parley.processing;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stop while a loop is in the middle of its work: an interrupted loop fails at its next lock (as an
 * aggregate's lock fails a command), one that is not interrupted finishes the work and then ends.
 */
class NodeThreadTest {

    /** Takes a free lock after the stop has begun, as a command takes its aggregate's lock. */
    static final class OneJob extends NodeThread {

        final boolean interrupted;
        final CountDownLatch working = new CountDownLatch(1);
        final CountDownLatch stopBegun = new CountDownLatch(1);
        final CompletableFuture<String> outcome = new CompletableFuture<>();

        OneJob(boolean interrupted) {
            super("node-thread-test");
            this.interrupted = interrupted;
        }

        @Override
        protected boolean interruptedToStop() {
            return interrupted;
        }

        @Override
        protected void loop() {
            working.countDown();
            try {
                stopBegun.await(10, TimeUnit.SECONDS);
                while (running()) {
                    Thread.onSpinWait();
                }
                // The stop has begun; its interrupt, if it sends one, comes right after: a second is ample.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (!Thread.currentThread().isInterrupted() && deadline - System.nanoTime() > 0) {
                    LockSupport.parkNanos(deadline - System.nanoTime());
                }
                ReentrantLock lock = new ReentrantLock();
                outcome.complete(lock.tryLock(0, TimeUnit.NANOSECONDS) ? "done" : "not locked");
            } catch (InterruptedException e) {
                outcome.complete("interrupted");
            }
        }
    }

    private static String stopWhileWorking(boolean interrupted) throws Exception {
        OneJob job = new OneJob(interrupted);
        job.start();
        assertThat(job.working.await(10, TimeUnit.SECONDS)).isTrue();
        job.stopBegun.countDown();
        job.stop();
        return job.outcome.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aLoopThatIsNotInterruptedFinishesItsWorkOnStop() throws Exception {
        assertThat(stopWhileWorking(false)).isEqualTo("done");
    }

    @Test
    void anInterruptedLoopFailsAtItsNextLock() throws Exception {
        assertThat(stopWhileWorking(true)).isEqualTo("interrupted");
    }
}
