package io.jenkins.plugins.kargo.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * fabric8 calls that honour the thread's interrupt wherever it arrives, so that an aborted verification or promotion
 * stops at once and cleans up after itself. fabric8 turns an interrupted request into a
 * {@link KubernetesClientException} (the request may still have reached the server), fails any request made while the
 * thread's interrupt flag is set, and its {@code informOnCondition} clears that flag: an interrupt that lands there is
 * lost, and the wait that follows runs to its timeout.
 */
public final class Interruptible {

    /** The longest wait for a clean-up request ({@link #regardless}). */
    static final Duration CLEAN_UP_WAIT = Duration.ofSeconds(60);

    private static final ExecutorService CLEAN_UP = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "kargo-kubernetes-clean-up");
        thread.setDaemon(true);
        return thread;
    });

    private Interruptible() {
    }

    /**
     * Makes one request.
     *
     * @throws InterruptedException       the thread was interrupted before or during the request (the flag is clear)
     * @throws KubernetesClientException any other failure of the request
     */
    public static <T> T request(Supplier<T> request) throws InterruptedException {
        try {
            T answer = request.get();
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted during a Kubernetes API request");
            }
            return answer;
        } catch (KubernetesClientException e) {
            if (Thread.interrupted() || interruptedBy(e)) {
                InterruptedException interrupted = new InterruptedException("interrupted during a Kubernetes API request");
                interrupted.initCause(e);
                throw interrupted;
            }
            throw e;
        }
    }

    /**
     * Makes a request that must be made even when the thread was interrupted, such as deleting what an aborted
     * measurement created: it runs on a thread of its own, which no abort interrupts, while this one waits for it (at
     * most {@link #CLEAN_UP_WAIT}); an interrupt that arrives meanwhile is kept for the caller.
     *
     * @throws KubernetesClientException when the request fails or gets no answer in time
     */
    public static <T> T regardless(Supplier<T> request) {
        CompletableFuture<T> done = CompletableFuture.supplyAsync(request, CLEAN_UP);
        long deadline = System.nanoTime() + CLEAN_UP_WAIT.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true; // an abort of what is being cleaned up: finish the clean-up first
                } catch (TimeoutException e) {
                    throw new KubernetesClientException("no answer within " + CLEAN_UP_WAIT.toSeconds() + " s");
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof KubernetesClientException k ? k
                            : new KubernetesClientException(String.valueOf(e.getCause().getMessage()), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits, through an informer, until the listed resources satisfy {@code condition} (checked once the informer has
     * listed them, then on every change), as {@code informOnCondition} does, but with an interrupt honoured wherever
     * it lands: the informer is started without blocking and the thread only waits on a future.
     *
     * @return the resources as they were when the condition held
     * @throws TimeoutException     when it did not hold within {@code timeout}
     * @throws ExecutionException   when the informer could not list or watch (the cause says why)
     * @throws InterruptedException when the thread was interrupted
     */
    public static <T> List<T> await(Informable<T> resources, Predicate<List<T>> condition, Duration timeout)
            throws InterruptedException, TimeoutException, ExecutionException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before watching");
        }
        SharedIndexInformer<T> informer = resources.runnableInformer(0);
        CompletableFuture<List<T>> held = new CompletableFuture<>();
        Runnable check = () -> {
            try {
                List<T> now = informer.getStore().list();
                if (condition.test(now)) {
                    held.complete(now);
                }
            } catch (RuntimeException e) {
                held.completeExceptionally(e);
            }
        };
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T resource) {
                check.run();
            }

            @Override
            public void onUpdate(T before, T resource) {
                check.run();
            }

            @Override
            public void onDelete(T resource, boolean finalStateUnknown) {
                check.run();
            }
        });
        try {
            informer.start().whenComplete((started, failure) -> {
                if (failure != null) {
                    held.completeExceptionally(failure);
                } else {
                    check.run(); // nothing there, or nothing changed since the list: the condition may hold already
                }
            });
            return held.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            informer.stop();
        }
    }

    private static boolean interruptedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException
                    || t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException)) {
                return true;
            }
        }
        return false;
    }
}
