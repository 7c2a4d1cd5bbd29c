%% Evaluated in a private benchmark node by NodeWatch (rabbitmqctl eval): logs to LOGFILE what
%% stalls the node. Erlang's system monitor reports a process that ran, or collected garbage,
%% for over 50 ms without being switched out (on a node short of CPU: the OS took the core from
%% its scheduler), and a sampler lists every 500 ms each process with over 200 messages waiting.
%% Lines: epoch-ms, monitor|mql, what, the process (registered name or initial call), details.
Log = fun(Fmt, Args) -> file:write_file("LOGFILE", io_lib:format(Fmt, Args), [append]) end,
Label = fun(P) when is_pid(P) ->
                case process_info(P, registered_name) of
                    {registered_name, Name} -> Name;
                    _ -> case process_info(P, dictionary) of
                             {dictionary, D} -> proplists:get_value('$initial_call', D, P);
                             _ -> gone
                         end
                end;
           (Port) -> Port
        end,
spawn(fun() ->
          erlang:system_monitor(self(), [{long_gc, 50}, {long_schedule, 50}, busy_port, busy_dist_port]),
          Loop = fun(Self) ->
                     receive {monitor, P, What, Info} ->
                         Log("~p monitor ~p ~0p ~0p~n", [erlang:system_time(millisecond), What, Label(P), Info])
                     end,
                     Self(Self)
                 end,
          Loop(Loop)
      end),
spawn(fun() ->
          Loop = fun(Self) ->
                     T = erlang:system_time(millisecond),
                     [Log("~p mql ~p ~0p~n", [T, Len, Label(P)])
                      || P <- processes(), {message_queue_len, Len} <- [process_info(P, message_queue_len)], Len > 200],
                     timer:sleep(500),
                     Self(Self)
                 end,
          Loop(Loop)
      end),
ok.
