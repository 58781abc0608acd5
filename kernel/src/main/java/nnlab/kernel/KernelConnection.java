package nnlab.kernel;

import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.List;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageContext;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.publish.PublishError;
import io.github.spencerpark.jupyter.messages.reply.ErrorReply;
import io.github.spencerpark.jupyter.messages.reply.HistoryReply;

/**
 * The base library names a failed cell's error after the Java class thrown out of {@code eval} and attaches
 * that exception's stack to the reply. This connection rewrites both: the error is named after what the
 * student's code threw ({@code java.lang.ArithmeticException}) and carries the readable traceback.
 * It also adds the status the protocol requires to history replies.
 */
final class KernelConnection extends JupyterConnection {
    private final Supplier<CellError> lastError;

    /** @param lastError the error of the cell being answered (read while its reply is sent) */
    KernelConnection(KernelConnectionProperties props, Supplier<CellError> lastError)
            throws NoSuchAlgorithmException, InvalidKeyException {
        super(props);
        this.lastError = lastError;
    }

    @Override
    public ShellReplyEnvironment prepareReplyEnv(ShellChannel shell, MessageContext context) {
        return new ReplyEnvironment(shell, context);
    }

    private final class ReplyEnvironment extends ShellReplyEnvironment {
        ReplyEnvironment(ShellChannel shell, MessageContext context) {
            super(shell, KernelConnection.this.stdin, KernelConnection.this.iopub, context);
        }

        @Override
        public void publish(Message<?> msg) {
            CellError error = lastError.get();
            if (error != null && msg.getContent() instanceof PublishError published && isOurs(published.getErrorName())) {
                super.publish(new Message<>(getContext(), PublishError.MESSAGE_TYPE,
                        new PublishError(error.errorName(), error.getMessage(), published.getStacktrace())));
            } else {
                super.publish(msg);
            }
        }

        @Override
        public void reply(Message<?> msg) {
            if (msg.getContent() instanceof HistoryReply history) {
                super.reply(historyMessage(history));
            } else {
                super.reply(msg);
            }
        }

        @Override
        public void replyError(MessageType<?> type, ErrorReply reply) {
            CellError error = lastError.get();
            if (error != null && isOurs(reply.getErrorName())) {
                ErrorReply ours = new ErrorReply(error.errorName(), error.getMessage(), error.traceback());
                ours.setExecutionCount(error.executionCount());
                super.replyError(type, ours);
            } else {
                super.replyError(type, reply);
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"}) // the content is not the base library's HistoryReply class
        private Message<?> historyMessage(HistoryReply reply) {
            return new Message(getContext(), HistoryReply.MESSAGE_TYPE, new HistoryContent(reply));
        }

        private boolean isOurs(String errorName) {
            return CellError.class.getSimpleName().equals(errorName);
        }
    }

    /**
     * A history reply as the protocol has it: a status, and entries as {@code [session, line, input]}
     * (the base library sends no status and entries as objects).
     */
    private static final class HistoryContent {
        @SuppressWarnings("unused") // serialised by Gson
        private final String status = "ok";
        private final List<List<Object>> history = new ArrayList<>();

        HistoryContent(HistoryReply reply) {
            for (HistoryEntry e : reply.getHistory()) {
                history.add(List.of(e.getSession(), e.getCellNumber(), e.getInput()));
            }
        }
    }
}
