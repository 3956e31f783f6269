#include "core/thread_beside.h"

#include <sched.h>

#include <system_error>

namespace notesearch {

ThreadBeside::ThreadBeside(std::function<void()> task) : task_(std::move(task)) {
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  CPU_ZERO(&allowed_);
  creator_cpu_ = sched_getcpu();
  if (creator_cpu_ >= 0 && sched_getaffinity(0, sizeof allowed_, &allowed_) == 0 &&
      CPU_ISSET(creator_cpu_, &allowed_) && CPU_COUNT(&allowed_) > 1) {
    cpu_set_t others = allowed_;
    CPU_CLR(creator_cpu_, &others);
    restrict_ = pthread_attr_setaffinity_np(&attributes, sizeof others, &others) == 0;
  }
  int error = pthread_create(&thread_, &attributes, &ThreadBeside::Run, this);
  if (error != 0 && restrict_) {  // the CPUs may have changed since: start it anywhere
    restrict_ = false;
    pthread_attr_destroy(&attributes);
    pthread_attr_init(&attributes);
    error = pthread_create(&thread_, &attributes, &ThreadBeside::Run, this);
  }
  pthread_attr_destroy(&attributes);
  if (error != 0) throw std::system_error(error, std::generic_category(), "cannot start a thread");
}

ThreadBeside::~ThreadBeside() { Join(); }

void ThreadBeside::Join() {
  if (joined_) return;
  pthread_join(thread_, nullptr);
  joined_ = true;
}

void* ThreadBeside::Run(void* self) {
  auto& thread = *static_cast<ThreadBeside*>(self);
  thread.start_cpu_ = sched_getcpu();
  if (thread.restrict_) sched_setaffinity(0, sizeof thread.allowed_, &thread.allowed_);
  thread.task_();
  return nullptr;
}

}  // namespace notesearch
