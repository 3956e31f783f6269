// A thread started on another CPU than the one its creator runs on.
//
// Linux puts a new thread on its creator's CPU and moves it to an idle one
// only when that CPU next balances load: on the 2-vCPU machines here a
// helper started while its creator kept working waited 0.6-5 ms (most of
// the creator's own task) before it ran. Started with the other CPUs as
// its affinity it runs within ~60 us; once running it may move to any CPU
// the process may use, as any thread.
//
// Ownership and thread-safety: owns its thread, joined by the destructor
// (as std::jthread); construct and destroy it on one thread.
#ifndef NOTESEARCH_CORE_THREAD_BESIDE_H_
#define NOTESEARCH_CORE_THREAD_BESIDE_H_

#include <pthread.h>

#include <functional>

namespace notesearch {

class ThreadBeside {
 public:
  // Runs `task` on the new thread; `task` must not throw.
  explicit ThreadBeside(std::function<void()> task);
  ~ThreadBeside();  // joins, unless Join did
  ThreadBeside(const ThreadBeside&) = delete;
  ThreadBeside& operator=(const ThreadBeside&) = delete;

  void Join();
  // Once joined: the CPU the creator was on, and the one the thread
  // started on (-1 if unknown).
  int creator_cpu() const { return creator_cpu_; }
  int start_cpu() const { return start_cpu_; }

 private:
  static void* Run(void* self);

  std::function<void()> task_;
  cpu_set_t allowed_;      // the process's CPUs, restored once the thread runs
  bool restrict_ = false;  // started on other CPUs than its creator's
  int creator_cpu_ = -1;
  int start_cpu_ = -1;
  bool joined_ = false;
  pthread_t thread_;
};

}  // namespace notesearch

#endif  // NOTESEARCH_CORE_THREAD_BESIDE_H_
