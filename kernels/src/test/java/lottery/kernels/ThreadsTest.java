package lottery.kernels;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class ThreadsTest {
    @Test void aThreadsOwnCountOverridesTheProcessWideOneForThatThreadOnly() throws InterruptedException {
        int before = Threads.count();
        try {
            Threads.set(2);
            Threads.setForThisThread(1);
            assertEquals(1, Threads.count());
            AtomicInteger other = new AtomicInteger();
            Thread t = new Thread(() -> other.set(Threads.count()));
            t.start();
            t.join();
            assertEquals(2, other.get(), "another thread keeps the process-wide count");
            Threads.setForThisThread(0);
            assertEquals(2, Threads.count());
            assertThrows(IllegalArgumentException.class, () -> Threads.setForThisThread(-1));
        } finally {
            Threads.setForThisThread(0);
            Threads.set(before);
        }
    }
}
