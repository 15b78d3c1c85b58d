package dev.esem.spring.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A web application that uses the starter the way users do. */
@SpringBootApplication
public class EsemTestApplication {

	public static void main(String[] args) {
		SpringApplication.run(EsemTestApplication.class, args);
	}

}
