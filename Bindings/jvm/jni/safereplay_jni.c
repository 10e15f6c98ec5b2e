/*
 * The JNI shim between dev.safereplay.SafeReplay and libsafereplay: argument marshalling
 * only. Every sr_status other than SR_OK becomes a SafeReplayException carrying the status,
 * sr_last_error() and sr_last_error_json() (read on the calling thread, right away).
 *
 * Handles cross as jlong (the sr_* token values); the library validates them, so a closed
 * or stale handle from Java is an SR_E_STATE exception, never a crash.
 */
#include <jni.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "safereplay.h"

static JavaVM *jvm;
static jclass exception_class;  /* SafeReplay$SafeReplayException */
static jmethodID exception_init; /* (I[B[B)V */
static jclass safereplay_class;
static jmethodID dispatch_send;  /* static Response dispatchSend(Transport, byte[], String[], String[]) */
static jclass string_class;
static jfieldID response_status;
static jfieldID response_retry_after;

static jbyteArray bytes_of(JNIEnv *env, const char *text) {
    jsize n = (jsize)strlen(text);
    jbyteArray array = (*env)->NewByteArray(env, n);
    if (array) (*env)->SetByteArrayRegion(env, array, 0, n, (const jbyte *)text);
    return array;
}

/* Throws for a failed status; returns 1 when it did. */
static int fail(JNIEnv *env, sr_status status) {
    if (status == SR_OK) return 0;
    /* Read both strings before any other sr_* call on this thread. */
    jbyteArray message = bytes_of(env, sr_last_error());
    jbyteArray json = bytes_of(env, sr_last_error_json());
    if (!message || !json) return 1; /* OutOfMemoryError pending */
    jobject error = (*env)->NewObject(env, exception_class, exception_init, (jint)status, message, json);
    if (error) (*env)->Throw(env, (jthrowable)error);
    return 1;
}

static void throw_state(JNIEnv *env, const char *message) {
    jclass c = (*env)->FindClass(env, "java/lang/IllegalStateException");
    if (c) (*env)->ThrowNew(env, c, message);
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
    (void)reserved;
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_6) != JNI_OK) return JNI_ERR;
    jvm = vm;
    jclass c = (*env)->FindClass(env, "dev/safereplay/SafeReplay$SafeReplayException");
    if (!c) return JNI_ERR;
    exception_class = (jclass)(*env)->NewGlobalRef(env, c);
    exception_init = (*env)->GetMethodID(env, c, "<init>", "(I[B[B)V");
    c = (*env)->FindClass(env, "dev/safereplay/SafeReplay");
    if (!c) return JNI_ERR;
    safereplay_class = (jclass)(*env)->NewGlobalRef(env, c);
    dispatch_send = (*env)->GetStaticMethodID(env, c, "dispatchSend",
        "(Ldev/safereplay/SafeReplay$Transport;[B[Ljava/lang/String;[Ljava/lang/String;)Ldev/safereplay/SafeReplay$Response;");
    c = (*env)->FindClass(env, "java/lang/String");
    if (!c) return JNI_ERR;
    string_class = (jclass)(*env)->NewGlobalRef(env, c);
    c = (*env)->FindClass(env, "dev/safereplay/SafeReplay$Response");
    if (!c) return JNI_ERR;
    response_status = (*env)->GetFieldID(env, c, "status", "I");
    response_retry_after = (*env)->GetFieldID(env, c, "retryAfter", "Ljava/lang/String;");
    if (!exception_init || !dispatch_send || !response_status || !response_retry_after) return JNI_ERR;
    return JNI_VERSION_1_6;
}

#define H(x) ((void *)(uintptr_t)(x))
#define J(p) ((jlong)(uintptr_t)(p))

JNIEXPORT jint JNICALL Java_dev_safereplay_SafeReplay_abiVersion(JNIEnv *env, jclass cls) {
    (void)env;
    (void)cls;
    return (jint)sr_abi_version();
}

JNIEXPORT jlong JNICALL Java_dev_safereplay_SafeReplay_policyLoad(JNIEnv *env, jclass cls, jbyteArray json) {
    (void)cls;
    sr_policy *policy = NULL;
    if (!json) {
        fail(env, sr_policy_load(NULL, 0, &policy));
        return 0;
    }
    jsize n = (*env)->GetArrayLength(env, json);
    jbyte *bytes = (*env)->GetPrimitiveArrayCritical(env, json, NULL);
    if (!bytes) return 0;
    sr_status status = sr_policy_load((const char *)bytes, (size_t)n, &policy);
    (*env)->ReleasePrimitiveArrayCritical(env, json, bytes, JNI_ABORT);
    fail(env, status);
    return J(policy);
}

JNIEXPORT void JNICALL Java_dev_safereplay_SafeReplay_policyFree(JNIEnv *env, jclass cls, jlong policy) {
    (void)cls;
    sr_policy_free((sr_policy *)H(policy));
    /* sr_policy_free returns nothing; a refusal leaves a message. */
    if (sr_last_error()[0] != '\0') fail(env, SR_E_STATE);
}

JNIEXPORT jlong JNICALL Java_dev_safereplay_SafeReplay_sessionOpen(JNIEnv *env, jclass cls, jlong policy, jstring spool) {
    (void)cls;
    sr_session *session = NULL;
    const char *dir = NULL;
    if (spool) {
        /* Modified UTF-8 equals UTF-8 for every path without NUL or astral characters; the
         * library refuses what is not valid UTF-8. */
        dir = (*env)->GetStringUTFChars(env, spool, NULL);
        if (!dir) return 0;
    }
    sr_status status = sr_session_open((const sr_policy *)H(policy), dir, &session);
    if (dir) (*env)->ReleaseStringUTFChars(env, spool, dir);
    fail(env, status);
    return J(session);
}

JNIEXPORT jlong JNICALL Java_dev_safereplay_SafeReplay_sessionOpenEx(JNIEnv *env, jclass cls, jlong policy, jbyteArray options) {
    (void)cls;
    sr_session *session = NULL;
    jsize n = options ? (*env)->GetArrayLength(env, options) : 0;
    jbyte *bytes = options ? (*env)->GetPrimitiveArrayCritical(env, options, NULL) : NULL;
    if (options && !bytes) return 0;
    sr_status status = sr_session_open_ex((const sr_policy *)H(policy), (const char *)bytes, (size_t)n, &session);
    if (bytes) (*env)->ReleasePrimitiveArrayCritical(env, options, bytes, JNI_ABORT);
    fail(env, status);
    return J(session);
}

JNIEXPORT void JNICALL Java_dev_safereplay_SafeReplay_ingest(JNIEnv *env, jclass cls, jlong session, jbyteArray json,
                                                             jint offset, jint length) {
    (void)cls;
    if (!json) {
        fail(env, sr_ingest_json((sr_session *)H(session), NULL, 0));
        return;
    }
    jbyte *bytes = (*env)->GetPrimitiveArrayCritical(env, json, NULL);
    if (!bytes) return;
    sr_status status = sr_ingest_json((sr_session *)H(session), (const char *)bytes + offset, (size_t)length);
    (*env)->ReleasePrimitiveArrayCritical(env, json, bytes, JNI_ABORT);
    fail(env, status);
}

JNIEXPORT void JNICALL Java_dev_safereplay_SafeReplay_touch(JNIEnv *env, jclass cls, jlong session, jint pointer_id,
                                                            jint phase, jdouble x, jdouble y, jlong t_ms) {
    (void)cls;
    fail(env, sr_touch((sr_session *)H(session), pointer_id, phase, x, y, t_ms));
}

JNIEXPORT void JNICALL Java_dev_safereplay_SafeReplay_location(JNIEnv *env, jclass cls, jlong session, jdouble lat,
                                                               jdouble lon, jdouble accuracy, jlong t_ms) {
    (void)cls;
    fail(env, sr_location((sr_session *)H(session), lat, lon, accuracy, t_ms));
}

JNIEXPORT void JNICALL Java_dev_safereplay_SafeReplay_flush(JNIEnv *env, jclass cls, jlong session) {
    (void)cls;
    fail(env, sr_flush((sr_session *)H(session)));
}

static jbyteArray take(JNIEnv *env, void *buffer, size_t length) {
    jbyteArray array = (*env)->NewByteArray(env, (jsize)length);
    if (array) (*env)->SetByteArrayRegion(env, array, 0, (jsize)length, (const jbyte *)buffer);
    sr_free(buffer);
    return array;
}

JNIEXPORT jbyteArray JNICALL Java_dev_safereplay_SafeReplay_nextBatch(JNIEnv *env, jclass cls, jlong session) {
    (void)cls;
    uint8_t *batch = NULL;
    size_t length = 0;
    if (fail(env, sr_next_batch((sr_session *)H(session), &batch, &length)) || !batch) return NULL;
    if (length > INT32_MAX) {
        sr_free(batch);
        throw_state(env, "batch larger than a Java array");
        return NULL;
    }
    return take(env, batch, length);
}

JNIEXPORT jbyteArray JNICALL Java_dev_safereplay_SafeReplay_stats(JNIEnv *env, jclass cls, jlong session) {
    (void)cls;
    char *json = NULL;
    size_t length = 0;
    if (fail(env, sr_session_stats((sr_session *)H(session), &json, &length))) return NULL;
    return take(env, json, length);
}

JNIEXPORT void JNICALL Java_dev_safereplay_SafeReplay_end(JNIEnv *env, jclass cls, jlong session) {
    (void)cls;
    fail(env, sr_session_end((sr_session *)H(session)));
}

JNIEXPORT void JNICALL Java_dev_safereplay_SafeReplay_sessionClose(JNIEnv *env, jclass cls, jlong session) {
    (void)cls;
    fail(env, sr_session_close((sr_session *)H(session)));
}

/* ---- upload: the library calls these on its own threads ---- */

typedef struct {
    jobject transport; /* global reference, deleted in release */
} upload_context;

/* The JNIEnv of the calling thread, attaching it (as a daemon) when needed. */
static JNIEnv *attach(int *attached) {
    JNIEnv *env = NULL;
    *attached = 0;
    jint got = (*jvm)->GetEnv(jvm, (void **)&env, JNI_VERSION_1_6);
    if (got == JNI_EDETACHED) {
        if ((*jvm)->AttachCurrentThreadAsDaemon(jvm, (void **)&env, NULL) != JNI_OK) return NULL;
        *attached = 1;
    } else if (got != JNI_OK) {
        return NULL;
    }
    return env;
}

static void jni_send(void *context, const uint8_t *body, size_t body_len, const sr_header *headers,
                     size_t header_count, sr_response *response) {
    upload_context *upload = (upload_context *)context;
    int attached;
    JNIEnv *env = attach(&attached);
    if (!env) return; /* status stays 0: no answer, retried */
    if ((*env)->PushLocalFrame(env, (jint)(2 * header_count + 8)) == 0) {
        jbyteArray jbody = body_len <= INT32_MAX ? (*env)->NewByteArray(env, (jsize)body_len) : NULL;
        jobjectArray names = (*env)->NewObjectArray(env, (jsize)header_count, string_class, NULL);
        jobjectArray values = (*env)->NewObjectArray(env, (jsize)header_count, string_class, NULL);
        if (jbody && names && values) {
            (*env)->SetByteArrayRegion(env, jbody, 0, (jsize)body_len, (const jbyte *)body);
            for (size_t i = 0; i < header_count; i++) {
                (*env)->SetObjectArrayElement(env, names, (jsize)i, (*env)->NewStringUTF(env, headers[i].name));
                (*env)->SetObjectArrayElement(env, values, (jsize)i, (*env)->NewStringUTF(env, headers[i].value));
            }
            jobject answer = (*env)->CallStaticObjectMethod(env, safereplay_class, dispatch_send, upload->transport,
                                                            jbody, names, values);
            if (!(*env)->ExceptionCheck(env) && answer) {
                response->status = (*env)->GetIntField(env, answer, response_status);
                jstring retry = (jstring)(*env)->GetObjectField(env, answer, response_retry_after);
                if (retry) {
                    const char *text = (*env)->GetStringUTFChars(env, retry, NULL);
                    if (text && strlen(text) < sizeof response->retry_after) strcpy(response->retry_after, text);
                    if (text) (*env)->ReleaseStringUTFChars(env, retry, text);
                }
            }
        }
        if ((*env)->ExceptionCheck(env)) {
            (*env)->ExceptionClear(env);
            response->status = 0;
        }
        (*env)->PopLocalFrame(env, NULL);
    } else {
        (*env)->ExceptionClear(env);
    }
    if (attached) (*jvm)->DetachCurrentThread(jvm);
}

static void jni_release(void *context) {
    upload_context *upload = (upload_context *)context;
    int attached;
    JNIEnv *env = attach(&attached);
    if (env) {
        (*env)->DeleteGlobalRef(env, upload->transport);
        if (attached) (*jvm)->DetachCurrentThread(jvm);
    }
    free(upload);
}

JNIEXPORT void JNICALL Java_dev_safereplay_SafeReplay_uploadStart(JNIEnv *env, jclass cls, jlong session, jobject transport) {
    (void)cls;
    upload_context *upload = (upload_context *)malloc(sizeof *upload);
    if (!upload) {
        throw_state(env, "out of memory");
        return;
    }
    upload->transport = (*env)->NewGlobalRef(env, transport);
    sr_status status = sr_upload_start((sr_session *)H(session), jni_send, jni_release, upload);
    if (status != SR_OK) {
        /* Not started: the library will never call release. */
        (*env)->DeleteGlobalRef(env, upload->transport);
        free(upload);
    }
    fail(env, status);
}

JNIEXPORT void JNICALL Java_dev_safereplay_SafeReplay_uploadStop(JNIEnv *env, jclass cls, jlong session, jlong timeout_ms) {
    (void)cls;
    fail(env, sr_upload_stop((sr_session *)H(session), timeout_ms));
}
